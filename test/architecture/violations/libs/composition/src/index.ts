export const everyContext = ['epsilon'];
