/**
 * What renders the browser's GPU APIs, read without compiling anything: the WebGPU adapter's description and
 * fallback flag, the WebGL renderer string (unmasked where the browser allows). A renderer named like a CPU
 * emulation (SwiftShader, llvmpipe, softpipe, Microsoft's basic renderer) or a WebGPU fallback adapter is software.
 */

export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

export interface Glance {
  mode: 'webgpu' | 'webgl2' | 'webgl';
  renderer: string | null;
  software: boolean;
}

/** A WebGPU adapter's description (vendor, architecture, description) and whether it is a fallback adapter. */
export function describeAdapter(adapter: any): { renderer: string | null; software: boolean } {
  const info = adapter?.info ?? {};
  const renderer = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || null;
  return { renderer, software: Boolean(adapter?.isFallbackAdapter || info.isFallbackAdapter) || SOFTWARE_RENDERER.test(renderer ?? '') };
}

/** A WebGL context's renderer string. */
export function describeGl(gl: any): { renderer: string | null; software: boolean } {
  if (!gl?.getParameter) return { renderer: null, software: false };
  const ext = gl.getExtension?.('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '') || null;
  return { renderer, software: SOFTWARE_RENDERER.test(renderer ?? '') };
}

/**
 * The GPU APIs present here (in a page or a worker), each with what renders it; empty in Node. WebGL is read first
 * (milliseconds). With `skipWebgpuBehindSoftwareGl`, a browser whose WebGL is software-rendered is taken to have no
 * hardware GPU and WebGPU is not asked: creating a software WebGPU adapter costs seconds (2.5 s with SwiftShader
 * here), and a hardware WebGPU beside a software WebGL is a rare configuration (ask with backend=gpu there).
 */
export async function glanceDevices(options: { skipWebgpuBehindSoftwareGl?: boolean } = {}): Promise<Glance[]> {
  const found: Glance[] = [];
  const g = globalThis as any;
  const canvas = () => (typeof g.OffscreenCanvas === 'function' ? new g.OffscreenCanvas(1, 1) : g.document?.createElement?.('canvas'));
  for (const mode of ['webgl2', 'webgl'] as const) {
    try {
      const gl = canvas()?.getContext(mode);
      if (gl) {
        found.push({ mode, ...describeGl(gl) });
        gl.getExtension?.('WEBGL_lose_context')?.loseContext();
      }
    } catch {
      // The API refused a context: not available.
    }
  }
  if (options.skipWebgpuBehindSoftwareGl && found.length > 0 && found.every((f) => f.software)) return found;
  try {
    const adapter = await g.navigator?.gpu?.requestAdapter?.();
    if (adapter) found.unshift({ mode: 'webgpu', ...describeAdapter(adapter) });
  } catch {
    // No adapter: no WebGPU.
  }
  return found;
}
