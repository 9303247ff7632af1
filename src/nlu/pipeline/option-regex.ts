// A regular expression written in a component's options in config.yml: one that does not compile
// stops training with the component, the option and the engine's reason.
import { foldChinese, type ChineseScript } from '../../core/index.js';
import { ParleyError } from '../../errors.js';

/** `script`: how the model reads text; with `simplified` a pattern written in traditional characters is read so too. */
export function optionRegex(source: string, flags: string, where: string, script: ChineseScript = 'as_written'): RegExp {
  try {
    return new RegExp(script === 'simplified' ? foldChinese(source) : source, flags);
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `${where} is not a valid regular expression: ${(cause as Error).message}`, { cause });
  }
}
