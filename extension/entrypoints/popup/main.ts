import { renderPopup } from '../../features/transparency-popup';

void renderPopup(document).catch((error) => console.error('[crm-guard] popup', error));
