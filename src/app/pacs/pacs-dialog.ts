/**
 * "PACS…": find a patient's studies on a DICOMweb server and open them (each study a time point, as
 * a folder would). The server is `?dicomweb=<url>` when given, else the last one used, else this
 * page's own `/dicom-web` (the dev server proxies it to a PACS without CORS headers, such as Orthanc).
 * The patient ID and server are remembered for the next time.
 */
import { personNameText, studySummaries, type StudySummary } from '../../core/dicomweb';
import { isoStudyDate } from '../../core/measure/series-roles';
import { el } from '../../viewer/dom';
import type { FileSource } from '../sources';
import { createDicomwebApi, type DicomwebApi } from './dicomweb-api';
import { sourcesFromPacs } from './pacs-sources';

const STORAGE_KEY = 'hcc-response.pacs@1';

export interface PacsOpen {
  sources: FileSource[];
  /** The server they come from (where the results can be stored back). */
  pacs: DicomwebApi;
  /** For the status line: "PACS: patient X, 2 studies (812 instances)". */
  what: string;
}

export class PacsDialog {
  readonly dialog: HTMLDialogElement;
  private readonly server: HTMLInputElement;
  private readonly patient: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLTableSectionElement;
  private readonly openButton: HTMLButtonElement;
  private studies: StudySummary[] = [];
  private pacs: DicomwebApi | null = null;

  constructor(host: HTMLElement, defaultServer: string, private readonly onOpen: (open: PacsOpen) => void) {
    const saved = readSaved();
    this.server = el('input', { id: 'pacs-server', type: 'url', required: '', size: '40', spellcheck: 'false' });
    this.server.value = defaultServer !== '' ? defaultServer : (saved.server ?? `${location.origin}/dicom-web`);
    this.patient = el('input', { id: 'pacs-patient', required: '', size: '20', spellcheck: 'false', placeholder: 'e.g. HCC-001' });
    this.patient.value = saved.patientId ?? '';
    this.status = el('p', { class: 'pacs-status', role: 'status', 'aria-live': 'polite' });
    this.list = el('tbody');
    this.openButton = el('button', { class: 'button', type: 'button', 'data-action': 'open-studies', disabled: '' }, 'Open');
    const search = el('button', { class: 'button', type: 'submit' }, 'Search');
    const cancel = el('button', { class: 'button', type: 'button' }, 'Cancel');
    const form = el(
      'form',
      { class: 'pacs-search' },
      el('label', { for: 'pacs-server' }, 'DICOMweb server'),
      this.server,
      el('label', { for: 'pacs-patient' }, 'Patient ID'),
      this.patient,
      search,
    );
    const table = el('table', { class: 'pacs-studies' }, el('thead', {}, el('tr', {}, ...['', 'Date', 'Description', 'Modalities', 'Series', 'Patient'].map((h) => el('th', {}, h)))), this.list);
    this.dialog = el(
      'dialog',
      { class: 'pacs-dialog', 'aria-label': 'Open from PACS' },
      el('h2', {}, 'Open from PACS'),
      form,
      this.status,
      table,
      el('div', { class: 'pacs-buttons' }, this.openButton, cancel),
    );
    host.append(this.dialog);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.search();
    });
    cancel.addEventListener('click', () => this.dialog.close());
    this.openButton.addEventListener('click', () => void this.open());
    this.list.addEventListener('change', () => this.updateOpenButton());
  }

  show(): void {
    if (!this.dialog.open) this.dialog.showModal();
    (this.patient.value ? this.patient : this.server).focus();
  }

  private say(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }

  private async search(): Promise<void> {
    const patientId = this.patient.value.trim();
    this.studies = [];
    this.renderStudies();
    this.pacs = createDicomwebApi(this.server.value.trim());
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ server: this.pacs.root, patientId }));
    this.say(`Searching ${this.pacs.root} for patient ${patientId}…`);
    try {
      this.studies = studySummaries(await this.pacs.searchStudies({ PatientID: patientId }));
    } catch (error) {
      this.say(error instanceof Error ? error.message : String(error), true);
      return;
    }
    this.renderStudies();
    this.say(this.studies.length === 0 ? `No study of patient ${patientId} on ${this.pacs.root}.` : `${this.studies.length} studies of patient ${patientId}: pick the time points to open.`);
  }

  private renderStudies(): void {
    this.list.replaceChildren(
      ...this.studies.map((s, n) =>
        el(
          'tr',
          {},
          el('td', {}, Object.assign(el('input', { type: 'checkbox', 'data-study': s.studyInstanceUid, 'aria-label': `Study of ${s.studyDate ? isoStudyDate(s.studyDate) : '—'}` }), { checked: true })),
          el('td', {}, s.studyDate ? isoStudyDate(s.studyDate) : '—'),
          el('td', {}, s.description ?? `Study ${n + 1}`),
          el('td', {}, s.modalities.join(', ') || '—'),
          el('td', { class: 'num' }, s.seriesCount === null ? '—' : String(s.seriesCount)),
          el('td', {}, s.patientName ? personNameText(s.patientName) : (s.patientId ?? '—')),
        ),
      ),
    );
    this.updateOpenButton();
  }

  private picked(): StudySummary[] {
    const on = new Set([...this.list.querySelectorAll<HTMLInputElement>('input[data-study]')].filter((c) => c.checked).map((c) => c.dataset['study']));
    return this.studies.filter((s) => on.has(s.studyInstanceUid));
  }

  private updateOpenButton(): void {
    const n = this.picked().length;
    this.openButton.disabled = n === 0;
    this.openButton.textContent = n === 0 ? 'Open' : `Open ${n} ${n === 1 ? 'study' : 'studies'}`;
  }

  private async open(): Promise<void> {
    const studies = this.picked();
    if (!this.pacs || studies.length === 0) return;
    this.openButton.disabled = true;
    this.say(`Listing the series and instances of ${studies.length} studies…`);
    try {
      const sources = await sourcesFromPacs(this.pacs, studies);
      if (sources.length === 0) throw new Error('the PACS lists no instance in these studies');
      this.dialog.close();
      this.onOpen({ sources, pacs: this.pacs, what: `PACS: patient ${this.patient.value.trim()}, ${studies.length} ${studies.length === 1 ? 'study' : 'studies'} (${sources.length} instances)` });
    } catch (error) {
      this.say(error instanceof Error ? error.message : String(error), true);
      this.updateOpenButton();
    }
  }
}

function readSaved(): { server?: string; patientId?: string } {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return typeof v === 'object' && v !== null ? (v as { server?: string; patientId?: string }) : {};
  } catch {
    return {};
  }
}
