/**
 * Exit code of the browser shell when a technician asks for a restart from maintenance mode
 * (75, EX_TEMPFAIL: "try again"). The process cannot start itself again; its supervisor does —
 * see README.md in this folder.
 */
export const RESTART_EXIT_CODE = 75;
