/**
 * The story the first view tells, as plain data: one entry per step, each with the lessons and labs that show it,
 * opened with settings that make the point. Adding a step (or a lesson to a step) is one line. Lesson links name
 * notebooks by their two-digit key; a test checks that each one exists.
 */
import { labDefaults, type AnyLabValues, type LabId } from '../../labs/index.js';
import { serializeLessonState } from '../state/lessonState.js';
import { serializeUrlState } from '../state/urlState.js';

export interface PathLink {
  label: string;
  href: string;
  /** A lesson's key, or a lab's id. */
  lesson?: string;
  lab?: LabId;
}

export interface PathStep {
  title: string;
  /** One or two sentences: what the step shows and why it matters. */
  text: string;
  links: PathLink[];
}

const lesson = (key: string, label: string): PathLink => ({ label: `Lesson ${key}: ${label}`, href: serializeLessonState({ lesson: key, predict: false, hidden: [] }), lesson: key });
const lab = (id: LabId, label: string, values: AnyLabValues = {}): PathLink => ({
  label,
  href: serializeUrlState({ lab: id, values: { ...labDefaults(id), ...values }, hidden: [] }),
  lab: id,
});

export const STORY: PathStep[] = [
  {
    title: 'RMT 101: the spectrum of noise',
    text: 'A matrix of independent random numbers has eigenvalues that are anything but random in bulk: their histogram follows a law, and its largest one sits at a predictable edge.',
    links: [lesson('10', 'RMT 101: Wigner and Tracy–Widom'), lab('spectrum', 'Spectrum lab: a square Gaussian W (Q = 1)', { ensemble: 'gaussian', n: 1000, q: 1, seed: '1' })],
  },
  {
    title: 'Marchenko–Pastur',
    text: 'The eigenvalues of X = WᵀW/N fill the Marchenko–Pastur law between two edges that depend only on the shape Q = N/M: the “random-like” picture every trained layer is compared with.',
    links: [lesson('01', 'Marchenko–Pastur'), lab('spectrum', 'Spectrum lab: Gaussian W, Q = 3', { ensemble: 'gaussian', n: 1500, q: 3, seed: '1' })],
  },
  {
    title: 'Spikes and edges',
    text: 'Structure shows as eigenvalues outside the bulk, but only above the BBP threshold; how far the top eigenvalue strays from the edge by chance is the Tracy–Widom law.',
    links: [
      lesson('02', 'Spikes and the BBP transition'),
      lesson('03', 'Tracy–Widom or Fréchet'),
      lab('spectrum', 'Spectrum lab: two spikes, ℓ = 2 and 5', { ensemble: 'spiked', spikes: [2, 5], n: 2000, q: 2, seed: '7' }),
      lab('edge', 'Edge lab: λ_max against Tracy–Widom', { ensemble: 'gaussian', n: 2000, q: 2, seed: '1' }),
    ],
  },
  {
    title: 'Heavy tails',
    text: 'Entries with a power-law tail give a spectrum with a power-law tail, whose exponent the WeightWatcher fit measures; below μ = 4 the largest eigenvalue follows Fréchet, not Tracy–Widom.',
    links: [
      lesson('04', 'Heavy-tail classes'),
      lesson('11', 'Heavy tails without an edge: Lévy matrices'),
      lesson('13', 'The 2 < μ < 4 box: calibrating moderately heavy tails'),
      lab('spectrum', 'Spectrum lab: Pareto entries, μ = 1.5', { ensemble: 'heavy-tailed', law: 'pareto', mu: 1.5, n: 1000, q: 2, seed: '1' }),
      lab('edge', 'Edge lab: Pareto μ = 3 against Fréchet', { ensemble: 'heavy-tailed', law: 'pareto', mu: 3, n: 200, q: 2, draws: 150, seed: '1' }),
    ],
  },
  {
    title: 'The 5+1 phases',
    text: 'Martin & Mahoney sort a layer’s spectrum into random-like, bleeding-out, bulk+spikes, bulk-decay, heavy-tailed and rank-collapse; a fitter checked against known truth says how far to trust the label.',
    links: [lesson('05', 'Calibrating a fitter'), lesson('12', 'Bulk+Spikes ~ Tikhonov regularisation'), lab('fitter', 'Fitter lab: fitted α against μ')],
  },
  {
    title: 'VSDL’s (α, τ) phase diagram',
    text: 'The Very Simple Deep Learning model: a student perceptron learns a teacher at load α and temperature τ. Replica theory draws the phase diagram, and a Monte Carlo tests it cell by cell.',
    links: [
      lesson('06', 'The VSDL Ising phase diagram'),
      lab('phase', 'Phase lab: the (α, τ) diagram and its Monte Carlo'),
      lesson('14', 'Rugged convexity: the landscape of a spin glass'),
      lab('landscape', 'Landscape lab: local minima of heavy-tailed beside Gaussian couplings', { couplings: 'pareto', mu: 1.5, compare: true, n: 20, method: 'enumerate', seed: '1' }),
    ],
  },
  {
    title: 'Real networks',
    text: 'A layer of students learns a layer of teachers: its spectrum moves through the phases as α grows. Fit your own trained weights (.npy) in the fitter lab, or a whole model with the vsdl analyze command.',
    links: [lesson('07', 'Phases of a learned layer'), lab('phase', 'Phase lab: the layer map', { mode: 'layer' }), lab('fitter', 'Fitter lab: fit your own .npy')],
  },
  {
    title: 'Watching a network train',
    text: 'A real network trained on MNIST in your browser, every layer analysed after every epoch from the random start: its spectra leave Marchenko–Pastur, spikes appear, the entropy falls. The batch size, a temperature, moves a network through the phases.',
    links: [
      lesson('09', 'How a layer learns'),
      lab('train', 'Training lab: mlp3 on 1,500 digits, epoch by epoch', { model: 'mlp3', data: 'mnist', trainSize: 1500, batchSize: 16, epochs: 4, seed: '1' }),
      lesson('08', 'The batch-size experiment'),
    ],
  },
];
