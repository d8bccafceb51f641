import type { PanelConfig, PanelKind } from '../../../contract/config.ts';
import type { ScreenPayload } from '../../../contract/http.ts';

/** What every panel component receives. */
export interface PanelProps<K extends PanelKind = PanelKind> {
  panel: Extract<PanelConfig, { kind: K }>;
  index: number;
  payload: ScreenPayload;
}
