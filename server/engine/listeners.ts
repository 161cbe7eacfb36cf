/** A minimal typed listener set: engines notify the hub without knowing about sockets. */
export class Listeners<T> {
  #set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.#set) listener(value);
  }
}
