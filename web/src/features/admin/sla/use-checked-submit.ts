import { useState, type FormEvent } from 'react';

/**
 * A drawer form's submit. The first try turns the form's own checks on; while they find problems nothing is sent
 * and the first field marked wrong takes the focus (it may be far above the buttons).
 */
export function useCheckedSubmit(problemsNow: Record<string, string>, send: () => void) {
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problemsNow).length > 0) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    send();
  };
  return { problems: tried ? problemsNow : {}, submit };
}
