/** The PluginStorage keys the ribbon (main.ts) and the pane (wps-start.ts) share; kept apart so main.js stays small. */

/** The ribbon writes a command here ("<pane button id>|<time>"); the pane runs each one once. */
export const COMMAND_KEY = 'xcs_weekly_command';
/** The task pane's id, so that the ribbon shows the same pane again. */
export const TASKPANE_KEY = 'xcs_weekly_taskpane_id';
