import { initMyDataDownload } from '../../features/my-data-download';
import { renderPopup } from '../../features/transparency-popup';

void renderPopup(document).catch((error) => console.error('[crm-guard] popup', error));
void initMyDataDownload(document).catch((error) => console.error('[crm-guard] my data', error));
