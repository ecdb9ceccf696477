/** The software name and version recorded in every export (a test keeps it equal to package.json). */
export const SOFTWARE = { name: 'vsdl-lab', version: '0.1.0' } as const;
