/** The levels FLEETPLANE_LOG_LEVEL names, in the Functions host's words. */
export type LogLevel = 'debug' | 'information' | 'warning' | 'error';
