// Sign in: Cognito's hosted UI in AWS; on one machine, the example users' sign-in links.
import { currentSession, finishCognitoSignIn, loadConfig, startCognitoSignIn } from './session.mjs';
import { main, render } from './shell.mjs';
import { html } from './view.mjs';

const config = await loadConfig();
const params = new URLSearchParams(location.search);
if (config.auth === 'cognito' && params.has('code')) await finishCognitoSignIn();
const session = await currentSession();
if (session) location.replace(session.staff.worksCases ? 'index.html' : 'figures.html');
else {
  const expired = params.has('expired');
  render(
    main(),
    html`<h1 class="govuk-heading-l" id="page-heading">Sign in to the Haven staff console</h1>
${expired ? html`<div class="govuk-inset-text">Your session has ended. Sign in again to carry on.</div>` : ''}
${
  config.auth === 'cognito'
    ? html`<p class="govuk-body">Sign in with your work account.</p><button type="button" class="govuk-button govuk-button--start" data-module="govuk-button" id="sign-in">Sign in</button>`
    : html`<p class="govuk-body">Haven is running on this machine with example users. Open one of the staff sign-in links that <code>npm start</code> printed in its terminal (one for each association and role), then come back to this page.</p>
<p class="govuk-body"><a class="govuk-link" href="/local/whoami">Check who you are signed in as</a></p>
<a class="govuk-button" data-module="govuk-button" href="index.html" id="continue">I have signed in: continue</a>`
}
<p class="govuk-body-s">You will be signed out after ${config.idleMinutes} minutes without activity, with a warning ${config.warnMinutes} minutes before.</p>`,
  );
  document.getElementById('sign-in')?.addEventListener('click', () => void startCognitoSignIn());
}
