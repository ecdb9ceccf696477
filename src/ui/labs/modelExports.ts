/**
 * The fitter lab's model table as files: JSON is `vsdl analyze --json`'s record (source, format, layout, metadata,
 * layers, skipped) with the provenance beside it; CSV is one row per layer with every record field, the provenance
 * in '# ' comment lines. Neither holds the weights: the source file is named, never copied.
 */
import { GENERATOR } from '../../core/random/index.js';
import { jsonText, recordsCsv } from '../../io/index.js';
import type { ModelAnalysisResult } from '../../labs/index.js';
import { SOFTWARE } from '../../version.js';

/** What produced a table: the file, the choices made in the page, the versions. */
export function modelProvenance(result: ModelAnalysisResult, layoutChoice: string): Record<string, unknown> {
  return {
    lab: 'fitter',
    source: result.source,
    // The lab uses the spike test's default rate (fitEsd's 0.01), as `vsdl analyze` does without --fpr.
    parameters: { layout: layoutChoice, false_positive_rate: 0.01 },
    software: SOFTWARE,
    generator: GENERATOR,
  };
}

export function modelJson(result: ModelAnalysisResult, layoutChoice: string): string {
  const { charts: _charts, ...record } = result;
  return jsonText({ ...record, ...modelProvenance(result, layoutChoice) }) + '\n';
}

export function modelCsv(result: ModelAnalysisResult, layoutChoice: string): string {
  const meta = modelProvenance(result, layoutChoice);
  const comments = [
    `${result.source}: ${result.format}, convolution kernels ${result.layout ?? 'none'} (${result.layout_source ?? 'no 4-D tensors'})`,
    ...Object.entries(meta).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
    ...result.skipped.map((s) => `skipped ${s.name} [${s.shape.join(', ')}]: ${s.reason}`),
  ];
  const rows = result.layers.map((l) => ({ ...l, shape: l.shape.join('x') }));
  return comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`).join('\n') + '\n' + recordsCsv(rows as unknown as Record<string, unknown>[]);
}
