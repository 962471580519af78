/** `npm run bench`: the lifecycle's state transitions per case (bench/transitions.ts). */
import { main as transitions } from './transitions.js';

await transitions();
