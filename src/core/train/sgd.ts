import * as tf from '@tensorflow/tfjs-core';

export interface SgdOptions {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

/**
 * Minibatch SGD with momentum and L2 weight decay, in PyTorch's form (torch.optim.SGD, no dampening or Nesterov):
 *   g ← ∇L + λ·w,   v ← μ·v + g,   w ← w − ε·v,   v = 0 before the first step,
 * applied to every parameter, biases included (as PyTorch does by default).
 */
export class Sgd {
  private readonly velocity: tf.Variable[];
  private readonly lr: tf.Scalar;
  private readonly mu: tf.Scalar;
  private readonly decay: tf.Scalar;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly options: SgdOptions,
  ) {
    this.velocity = tf.tidy(() => variables.map((v) => tf.variable(tf.zerosLike(v), false)));
    this.lr = tf.scalar(options.learningRate);
    this.mu = tf.scalar(options.momentum);
    this.decay = tf.scalar(options.weightDecay);
  }

  /** One update from gradients keyed by variable name (as tf.variableGrads returns them). */
  apply(grads: tf.NamedTensorMap): void {
    tf.tidy(() => {
      this.variables.forEach((w, i) => {
        let g = grads[w.name];
        if (this.options.weightDecay > 0) g = tf.add(g, tf.mul(w, this.decay));
        const v = this.options.momentum > 0 ? tf.add(tf.mul(this.velocity[i], this.mu), g) : g;
        if (this.options.momentum > 0) this.velocity[i].assign(v);
        w.assign(tf.sub(w, tf.mul(v, this.lr)));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.velocity, this.lr, this.mu, this.decay]);
  }
}
