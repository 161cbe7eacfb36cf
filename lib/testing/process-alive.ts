/** Whether a process with this pid is still there (signal 0: nothing is sent). Shared by the
 *  tests that check what they started has stopped. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
