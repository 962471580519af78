/**
 * The parts of the page, each with its sections, for the contents list and the markup alike.
 * @returns {{ id: string, title: string, sections: { href: string, text: string }[] }[]}
 */
export function caseParts(): {
    id: string;
    title: string;
    sections: {
        href: string;
        text: string;
    }[];
}[];
/**
 * The case page, from the case as read, the association's console data and who is signed in (kept in
 * case-state.mjs for the sections). @param {{ view: any, data: any, me: { sub: string, email?: string, seesAllCases?: boolean },
 *   revealed: boolean, offset: number, now: number }} o
 * revealed: names shown; offset: Haven's clock minus this browser's; now: Haven's now (epoch ms)
 */
export function casePage(o: {
    view: any;
    data: any;
    me: {
        sub: string;
        email?: string;
        seesAllCases?: boolean;
    };
    revealed: boolean;
    offset: number;
    now: number;
}): import("./view.mjs").Raw;
