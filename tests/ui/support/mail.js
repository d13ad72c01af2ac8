// Reading the mails the server sent, as the fake SMTP server saved them (MAIL_DIRECTORY/<n>-<to>.eml):
// the nth mail to an address, its decoded subject and plain-text part, and the links in it.
const fs = require('node:fs');
const path = require('node:path');

function decodeWords(value) {
  return value.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, data) => Buffer.from(data, 'base64').toString('utf8'));
}

function parse(data) {
  const [head] = data.split('\r\n\r\n');
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const boundary = /boundary="([^"]+)"/.exec(headers['content-type'])[1];
  const part = data.split(`--${boundary}`).find((section) => section.includes('Content-Type: text/plain'));
  const text = Buffer.from(part.split('\r\n\r\n')[1].replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers, subject: decodeWords(headers.subject), text };
}

// Waits for the `count`th mail to `address` (1 = the first) and reads it.
async function mailTo(address, count = 1) {
  const directory = process.env.MYVOD_UI_MAIL_DIRECTORY;
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = fs.readdirSync(directory)
      .filter((name) => name.endsWith(`-${address}.eml`))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    if (files.length >= count) return parse(fs.readFileSync(path.join(directory, files[count - 1]), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail number ${count} to ${address} came within 10 s`);
}

// The path and query of the first link in `text` to `pathname`, to open on the server under test.
function linkTo(text, pathname) {
  const found = text.match(/https?:\/\/\S+/g)?.map((link) => new URL(link)).find((url) => url.pathname === pathname);
  if (!found) throw new Error(`no link to ${pathname} in:\n${text}`);
  return found.pathname + found.search;
}

module.exports = { mailTo, linkTo };
