// A regular expression written in a component's options in config.yml: one that does not compile
// stops training with the component, the option and the engine's reason.
import { ParleyError } from '../../errors.js';

export function optionRegex(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `${where} is not a valid regular expression: ${(cause as Error).message}`, { cause });
  }
}
