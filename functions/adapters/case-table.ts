export { INDEX, NO_AREA, tableDefinition } from '../contract/table-layout.js';
