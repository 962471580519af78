// Haven's public pages: govuk-frontend components, with Exit this page replacing the history entry.
import {
  Button,
  Checkboxes,
  createAll,
  ErrorSummary,
  ExitThisPage,
  Radios,
  ServiceNavigation,
  SkipLink,
} from '../govuk-frontend.min.js';

/**
 * GOV.UK's Exit this page sets location.href, which leaves this page one Back press away. A person whose
 * phone is checked needs it gone: location.replace swaps this history entry for the neutral page.
 */
class ReplacingExitThisPage extends ExitThisPage {
  exitPage() {
    if (this.$updateSpan) this.$updateSpan.textContent = '';
    document.body.classList.add('govuk-exit-this-page-hide-content');
    const overlay = document.createElement('div');
    overlay.className = 'govuk-exit-this-page-overlay';
    overlay.setAttribute('role', 'alert');
    overlay.textContent = 'Loading.';
    document.body.appendChild(overlay);
    this.$overlay = overlay;
    // Clear what was typed, so a restored page (back-forward cache) shows nothing.
    for (const form of document.forms) form.reset();
    window.location.replace(this.$button.href);
  }
}

/**
 * GOV.UK's Radios put aria-expanded on the radio inputs of a conditional reveal, which ARIA does not
 * allow on role=radio (axe-core: aria-allowed-attr). Keep the reveal and aria-controls, drop aria-expanded.
 */
class RevealingRadios extends Radios {
  syncConditionalRevealWithInputState($input) {
    const target = document.getElementById($input.getAttribute('aria-controls') ?? '');
    if (target?.classList.contains('govuk-radios__conditional')) {
      $input.removeAttribute('aria-expanded');
      target.classList.toggle('govuk-radios__conditional--hidden', !$input.checked);
    }
  }
}

createAll(SkipLink);
createAll(Button);
createAll(RevealingRadios);
createAll(Checkboxes);
createAll(ErrorSummary);
createAll(ServiceNavigation);
createAll(ReplacingExitThisPage);
