import { runCli } from './tupa';

// `npm run tupa -- …` in a checkout, `node out/main/cli.js …` beside a
// headless hub. (An installed kiosk runs the same commands as `tupa …`.)
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
