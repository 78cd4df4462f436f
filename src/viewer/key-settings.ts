import { buildCheatSheet, type CheatSheet } from './cheat-sheet';
import { buildKeyPreferencesDialog, type KeyPreferencesDialog } from './key-preferences-dialog';
import { loadKeyPreferences, saveKeyPreferences, type KeyStorage } from './key-preferences';
import { bindingsWith, keyResolver, type KeyOverrides, type KeyResolver } from './keymap';

/** localStorage when the page may use it (it throws in some sandboxed or privacy modes). */
function browserStorage(): KeyStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The room's keys as the user set them: the resolver the key handler asks, the `?` sheet and the
 * preferences dialog, all from one set of overrides loaded at start and saved on "Save".
 */
export class KeySettings {
  readonly sheet: CheatSheet;
  readonly dialog: KeyPreferencesDialog;
  /** Why the saved keys could not be used at start (shown in the status bar); null when fine. */
  readonly loadProblem: string | null;
  private overrides: KeyOverrides;
  private resolver: KeyResolver;

  constructor(private readonly storage: KeyStorage | null = browserStorage()) {
    const loaded = loadKeyPreferences(storage);
    this.overrides = loaded.overrides;
    this.loadProblem = loaded.problem;
    this.resolver = keyResolver(bindingsWith(this.overrides));
    this.sheet = buildCheatSheet(
      () => this.toggleSheet(false),
      () => {
        this.toggleSheet(false);
        this.dialog.show(this.overrides);
      },
    );
    this.dialog = buildKeyPreferencesDialog((next) => this.save(next), () => undefined);
    this.sheet.render(bindingsWith(this.overrides));
  }

  /** The action of a key press under the user's keys (null while the preferences are open). */
  readonly resolve: KeyResolver = (event) => (this.dialog.open ? null : this.resolver(event));

  get sheetOpen(): boolean {
    return !this.sheet.root.hidden;
  }

  toggleSheet(open?: boolean): void {
    this.sheet.root.hidden = !(open ?? this.sheet.root.hidden);
    if (this.sheet.root.hidden && this.sheet.root.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
  }

  /** Applies and stores the keys; returns why they could not be stored (they still apply), or null. */
  private save(next: KeyOverrides): string | null {
    this.overrides = { ...next };
    this.resolver = keyResolver(bindingsWith(this.overrides));
    this.sheet.render(bindingsWith(this.overrides));
    try {
      saveKeyPreferences(this.storage, this.overrides);
      return null;
    } catch (error) {
      return `The keys apply now but could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
