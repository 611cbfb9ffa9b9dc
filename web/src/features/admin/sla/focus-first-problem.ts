/** After a refused submit, takes the person to the first field marked wrong (it may be far above the buttons). */
export function focusFirstProblem(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
