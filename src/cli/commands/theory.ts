import { ParameterError } from '../../core/errors.js';
import { jsonText } from '../../io/index.js';
import type { Command, CommandContext } from '../command.js';
import { withFlagNames } from '../parse.js';
import { THEORY_TOPICS, type TheoryTopic } from './theoryTopics.js';

const TOPIC_NAMES = Object.keys(THEORY_TOPICS);

export const theoryCommand: Command = {
  name: 'theory',
  summary: 'closed-form and numerical theory: Marchenko–Pastur, semicircle, BBP, Tracy–Widom, Fréchet, Lévy matrices, the perceptron',
  usage: `vsdl theory <${TOPIC_NAMES.join('|')}> [options] [--json]`,
  maxPositionals: 1,
  options: Object.assign({}, ...Object.values(THEORY_TOPICS).map((t) => t.options)),
  details: Object.entries(THEORY_TOPICS)
    .map(([name, t]) => `vsdl theory ${name} ${t.usage}\n  ${t.summary}\n  → ${t.output}`)
    .join('\n\n'),

  run(ctx: CommandContext) {
    const [topicName] = ctx.positionals;
    const allowed = TOPIC_NAMES.join(', ');
    if (!topicName) throw new ParameterError('topic', 'missing', allowed);
    const topic: TheoryTopic | undefined = THEORY_TOPICS[topicName];
    if (!topic) throw new ParameterError('topic', topicName, allowed);
    for (const [flag, value] of Object.entries(ctx.options)) {
      if (value === undefined || flag === 'json' || flag === 'help') continue;
      if (!(flag in topic.options)) {
        throw new ParameterError(`--${flag}`, value, `the options of 'theory ${topicName}': ${Object.keys(topic.options).map((o) => `--${o}`).join(', ')}`);
      }
    }
    const result = withFlagNames(topic.flags, () => topic.compute(ctx.options));
    if (ctx.options.json === true) ctx.stdout(jsonText(result) + '\n');
    else ctx.stdout(formatText(result) + '\n');
    return 0;
  },
};

/** key: value lines; arrays on one line. */
function formatText(result: Record<string, unknown>, indent = ''): string {
  return Object.entries(result)
    .map(([k, v]) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return `${indent}${k}:\n${formatText(v as Record<string, unknown>, indent + '  ')}`;
      const shown = Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? fmt(x) : JSON.stringify(x))).join(', ') : typeof v === 'number' ? fmt(v) : String(v);
      return `${indent}${k}: ${shown}`;
    })
    .join('\n');
}

/** Ten significant digits without trailing zeros, which are dropped from the mantissa only (1e+10 keeps its 0). */
function fmt(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const [mantissa, exponent] = x.toPrecision(10).split('e');
  const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? digits : `${digits}e${exponent}`;
}
