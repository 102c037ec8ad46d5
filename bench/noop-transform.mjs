/** The jscodeshift baseline: parse each file and print it back unchanged (recast keeps it byte-identical). */
export default (file, api) => api.jscodeshift(file.source).toSource();
