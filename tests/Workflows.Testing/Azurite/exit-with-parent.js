// Preloaded with `node --require` in front of Azurite by AzuriteFixture.
// The fixture holds our stdin pipe; when the test host dies (crash, hang-timeout kill)
// the pipe closes and Azurite exits too, so no orphaned emulators pile up.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
