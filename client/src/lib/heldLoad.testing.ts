/** For specs: a load whose answer the test releases, to order a read's answer against what happens meanwhile. */
export function heldLoad<T>(answer: T) {
  let release = () => {};
  const load = () => new Promise<T>((resolve) => (release = () => resolve(answer)));
  return { load, release: () => release() };
}
