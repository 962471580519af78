/**
 * The pages about leaving no trace: the interruption page before the form (GOV.UK "Exit a page
 * quickly": what Exit and Shift three times do, and what they cannot hide) and "Cover your tracks".
 * Each says what differs without JavaScript: haven.mjs keeps the visit one history entry, and
 * `haven-js-only` / `haven-no-js` (haven.css, keyed on the class haven.mjs sets once it runs) show
 * the sentence that is true in this browser.
 */
import { esc } from './html.js';
import { layout, type PageContext } from './layout.js';

const COVER_TRACKS = (ctx: PageContext) => `${esc(ctx.basePath)}/report?page=cover-your-tracks`;

/** The 999 line that comes before anything else on a page that is not yet the danger question. */
const DANGER_LINE = `<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> If you are in danger now, <a class="govuk-link" href="tel:999">call 999</a>. If you cannot speak, call 999 from a mobile and press 55 when asked.</strong></div>`;

/** What Back shows after Exit, with and without JavaScript. */
const BACK_WORDS = `<p class="govuk-body haven-js-only">On this phone or computer the form stays one page in your browser history, whatever you answer. After you exit, pressing Back does not bring it back.</p>
<p class="govuk-body haven-no-js"><strong>JavaScript is off or blocked in this browser</strong>, so each page of the form is kept in your browser history, and pressing Back after you exit will still show them. Pressing Shift 3 times does not work. Use a private window, or delete the pages from your history when you finish.</p>`;

/** The interruption page before the form: leaving quickly, and what that cannot hide. */
export function beforeYouStartPage(ctx: PageContext): string {
  const main = `${DANGER_LINE}
<h1 class="govuk-heading-l">Before you start</h1>
<p class="govuk-body">You can leave this website quickly at any time.</p>
<ul class="govuk-list govuk-list--bullet">
<li>Select the <strong>Exit this page</strong> button at the top of every page.</li>
<li class="haven-js-only">Or press the <strong>Shift</strong> key 3 times.</li>
</ul>
<p class="govuk-body">This opens a weather forecast page in place of this one<span class="haven-js-only"> and clears what you typed</span>.</p>
${BACK_WORDS}
<h2 class="govuk-heading-m">What exiting cannot hide</h2>
<ul class="govuk-list govuk-list--bullet">
<li><strong>History on other devices.</strong> If your browser is signed in to a Google or Apple account, the pages you visit can appear on other phones, tablets or computers that use the same account.</li>
<li><strong>Calls and messages.</strong> If you call us or a helpline, or we call or text you, it can show in your call log or messages.</li>
<li><strong>A watched phone.</strong> Someone may see your screen, or may have put an app on your phone that shows them what you do.</li>
</ul>
<p class="govuk-body"><a class="govuk-link" href="${COVER_TRACKS(ctx)}">How to cover your tracks online</a>, including on Android and iPhone.</p>
<form method="post" action="${esc(ctx.basePath)}/report" novalidate autocomplete="off">
<input type="hidden" name="step" value="start">
<button type="submit" class="govuk-button govuk-button--start" data-module="govuk-button">Continue</button>
</form>`;
  return layout(ctx, { title: 'Before you start', main });
}

/** How to hide this visit, step by step for the phones most people use. */
export function coverTracksPage(ctx: PageContext): string {
  const name = esc(ctx.associationName);
  const main = `${DANGER_LINE}
<h1 class="govuk-heading-l">Cover your tracks online</h1>
<p class="govuk-body">If someone checks your phone or computer, they may be able to see what you have done on it. These steps make that harder. If deleting everything would be noticed, delete only the pages from this website.</p>
<h2 class="govuk-heading-m">Leave quickly</h2>
<p class="govuk-body">The <strong>Exit this page</strong> button opens a weather forecast page in place of this one. <span class="haven-js-only">So does pressing the Shift key 3 times. The whole form is one page in your history, and after you exit, Back does not bring it back.</span><span class="haven-no-js">JavaScript is off or blocked in this browser, so each page of the form stays in your history: delete them as below, or use a private window.</span></p>
<h2 class="govuk-heading-m">Chrome on an Android phone</h2>
<ol class="govuk-list govuk-list--number">
<li>To browse without keeping history, tap the 3 dots at the top right, then <strong>New Incognito tab</strong>.</li>
<li>To delete pages you have visited, tap the 3 dots, then <strong>History</strong>.</li>
<li>Tap the cross next to each page from this website. You can search the history for "${name}" to find them.</li>
</ol>
<h2 class="govuk-heading-m">Safari on an iPhone</h2>
<ol class="govuk-list govuk-list--number">
<li>To browse without keeping history, tap the tabs button (2 squares), then <strong>Private</strong>.</li>
<li>To delete pages you have visited, tap the bookmarks button (an open book), then the clock.</li>
<li>Swipe left on each page from this website and tap <strong>Delete</strong>.</li>
</ol>
<h2 class="govuk-heading-m">History on your other devices</h2>
<p class="govuk-body">If Chrome is signed in to a Google account, or Safari uses iCloud, your history can appear on every device signed in to the same account, such as a shared tablet or a family computer. Deleting a page on one device deletes it on the others once they go online. A Google account can also keep a copy in "My Activity": check it at myactivity.google.com.</p>
<h2 class="govuk-heading-m">Calls and messages</h2>
<ul class="govuk-list govuk-list--bullet">
<li>A call to us or to a helpline shows in your phone's call log. On Android, open Phone, then Recents, press and hold the call and tap <strong>Delete</strong>. On iPhone, open Phone, then Recents, swipe left on the call and tap <strong>Delete</strong>.</li>
<li>A call can also show on a phone bill, and a deleted text can still be on another device that shares the account.</li>
</ul>
<h2 class="govuk-heading-m">What our messages will look like</h2>
<p class="govuk-body">We only contact you in the way and at the times you told us are safe. A message from ${name} will not mention abuse, this form or what you told us. If you told us not to say who we are, it will not say that either. If you gave us a code word, we will say it so you know it is us. We will not leave a voicemail unless you told us it is safe.</p>
<h2 class="govuk-heading-m">Apps that watch your phone</h2>
<p class="govuk-body">Someone can put an app on a phone that shows them its messages, calls, location or what is typed (stalkerware). It can be hard to see. Signs include the other person knowing things they should not, or the battery running down fast. Removing such an app can warn the person who put it there, so talk to a helpline first. The Refuge tech safety website (refugetechsafety.org) explains more.</p>
<h2 class="govuk-heading-m">If you can, use another device</h2>
<p class="govuk-body">A phone or computer the other person cannot use is safest, such as a friend's phone or a library computer. This form does not use cookies and does not save what you type on your device.</p>
<p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report">Back to the start of the form</a></p>`;
  return layout(ctx, { title: 'Cover your tracks online', main });
}
