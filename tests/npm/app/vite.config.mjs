// Vite's production build of the app (index.html → dist-vite/), relative URLs.
export default { base: './', logLevel: 'warn', build: { outDir: 'dist-vite', emptyOutDir: true } };
