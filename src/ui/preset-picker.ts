// Preset <select> with the one-line description of the chosen preset.
import { PRESETS, type Preset } from '../model/presets';

export class PresetPicker {
  constructor(private readonly select: HTMLSelectElement, private readonly description: HTMLElement,
    onPick: (id: string) => void) {
    for (const p of Object.values(PRESETS)) {
      const o = document.createElement('option');
      o.value = p.id;
      o.textContent = p.title;
      o.title = p.description;
      select.append(o);
    }
    select.addEventListener('change', () => onPick(select.value));
  }

  show(id: string): void {
    this.select.value = id;
    const p: Preset | undefined = PRESETS[id];
    this.description.textContent = p?.description ?? '';
  }
}
