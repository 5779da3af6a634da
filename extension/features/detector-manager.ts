import { sendToBackground } from '../lib/send-to-background';

/**
 * Starts each detector on its own: one that throws is logged once and reported as a `detector_failure`
 * tamper signal (a detector that silently stopped would look like an employee who stopped copying), and
 * the others keep working. Page script can also reach the reporting path through `reportTamper` only by
 * doing what the signal describes (offering a second channel, breaking a detector).
 */
export function startDetectors(detectors: Record<string, () => void>): void {
  for (const [name, start] of Object.entries(detectors)) {
    try {
      start();
    } catch (error) {
      console.error(`[crm-guard] the ${name} detector failed to start`, error);
      reportTamper('detector_failure', `${name}: ${String(error).slice(0, 300)}`);
    }
  }
}

export function reportTamper(signal: 'detector_failure' | 'channel_tampering', detail: string): void {
  sendToBackground({ kind: 'agent.tamper', signal, detail });
}
