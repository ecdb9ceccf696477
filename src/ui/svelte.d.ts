// Lets the TypeScript compiler (which does not read .svelte files) type imports of components; svelte-check
// type-checks the components themselves.
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<any>;
  export default component;
}
