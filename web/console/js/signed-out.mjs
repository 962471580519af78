// After sign-out: says why (inactivity or by choice) and offers to sign in again.
import { signedOutReason } from './session.mjs';
import { main, render } from './shell.mjs';
import { html } from './view.mjs';

const timedOut = signedOutReason() === 'timeout';
render(
  main(),
  html`<h1 class="govuk-heading-l" id="page-heading">You have been signed out</h1>
<p class="govuk-body" id="signed-out-reason">${timedOut ? 'We signed you out because you had not done anything for a while. This protects the people whose cases you work on. Anything you had not saved has been deleted.' : 'You have signed out of the Haven staff console.'}</p>
<a class="govuk-button" data-module="govuk-button" href="sign-in.html">Sign in again</a>`,
);
