/** The API's base path (no DOM: shared by the client and pure helpers). */
export const API = '/api/v1';
