// The error as sound: a tone whose pitch follows the MSE on the chart's log scale (low
// error, low pitch), while the run plays or on demand ("Listen to the curve"). Web
// Audio, off until the student turns it on.

const LOW = 220;  // Hz at the bottom of the error axis
const OCTAVES = 2;  // from the bottom to the top of the axis

// Pitch for an MSE, given the axis's range in powers of ten [low, high]: pure, for tests.
export function pitchOf(mse, range) {
  const [low, high] = range;
  const at = mse > 0 && Number.isFinite(mse) ? (Math.log10(mse) - low) / (high - low || 1) : 0;
  return LOW * 2 ** (OCTAVES * Math.min(Math.max(at, 0), 1));
}

export function createTrace() {
  let context = null;
  let tone = null;

  function start() {
    context ??= new AudioContext();
    if (context.state === "suspended") context.resume();
    if (tone) return;
    const oscillator = context.createOscillator();
    const volume = context.createGain();
    volume.gain.value = 0.06;
    oscillator.type = "sine";
    oscillator.connect(volume).connect(context.destination);
    oscillator.start();
    tone = {oscillator, volume};
  }

  return {
    // Follow the run as it plays: call with each frame's pitch.
    follow(frequency) {
      start();
      tone.oscillator.frequency.setTargetAtTime(frequency, context.currentTime, 0.03);
    },
    // Play a list of pitches evenly over `seconds`, then stop.
    play(frequencies, seconds = 2) {
      start();
      const now = context.currentTime;
      frequencies.forEach((f, i) => tone.oscillator.frequency.setValueAtTime(f, now + (seconds * i) / frequencies.length));
      tone.oscillator.stop(now + seconds);
      tone = null;
    },
    stop() {
      if (!tone) return;
      tone.oscillator.stop();
      tone = null;
    },
  };
}
