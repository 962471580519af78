// Sign in: Cognito's hosted UI in AWS; on one machine, the example users' sign-in codes. A reader
// sent here from a console page (`?return=`, one of the console's own pages) goes back to it after.
import {
  currentSession,
  finishCognitoSignIn,
  loadConfig,
  rememberReturn,
  returnTarget,
  startCognitoSignIn,
  takeReturn,
} from './session.mjs';
import { main, render } from './shell.mjs';
import { html } from './view.mjs';

const config = await loadConfig();
const params = new URLSearchParams(location.search);
const back = returnTarget(params.get('return'));
rememberReturn(back);
if (config.auth === 'cognito' && params.has('code')) await finishCognitoSignIn();
const session = await currentSession();
if (session) location.replace(takeReturn() ?? (session.staff.worksCases ? 'index.html' : 'figures.html'));
else {
  const expired = params.has('expired');
  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">Sign in to the Haven staff console</h1>
${expired ? html`<div class="govuk-inset-text">Your session has ended. Sign in again to carry on.</div>` : ''}
${back ? html`<p class="govuk-body" id="return-note">After you sign in, you will go back to the page you asked for.</p>` : ''}
${
  config.auth === 'cognito'
    ? html`<p class="govuk-body">Sign in with your work account.</p><button type="button" class="govuk-button govuk-button--start" data-module="govuk-button" id="sign-in">Sign in</button>`
    : html`<p class="govuk-body">Haven is running on this machine with example users. <code>npm start</code> printed a staff sign-in link for each association and role in its terminal: paste yours here, or open it in this tab.</p>
<form method="post" action="/local/sign-in" novalidate id="local-sign-in">
<div class="govuk-form-group"><label class="govuk-label" for="code">Sign-in link or code</label>
<input class="govuk-input" id="code" name="code" type="text" spellcheck="false" autocomplete="off"></div>
<input type="hidden" name="return" value="${back ?? ''}">
<button type="submit" class="govuk-button" data-module="govuk-button" id="continue">Sign in</button></form>
<p class="govuk-body"><a class="govuk-link" href="/local/whoami">Check who you are signed in as</a></p>`
}
<p class="govuk-body-s">You will be signed out after ${config.idleMinutes} minutes without activity, with a warning ${config.warnMinutes} minutes before.</p>`,
  );
  document.getElementById('sign-in')?.addEventListener('click', () => void startCognitoSignIn());
}
