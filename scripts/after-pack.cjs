// electron-builder `afterPack` hook: flips the Electron fuses of the packaged binary before it is
// signed and wrapped into AppImage / deb / NSIS. Fuses are compiled-in switches that turn off ways
// of running the kiosk's Electron as something else (https://www.electronjs.org/docs/latest/tutorial/fuses):
//
//   RunAsNode off                              ELECTRON_RUN_AS_NODE cannot turn the kiosk binary into a Node shell
//   EnableNodeOptionsEnvironmentVariable off   NODE_OPTIONS cannot inject code (--require) into main
//   EnableNodeCliInspectArguments off          --inspect / --inspect-brk cannot open a debugger on main
//   EnableCookieEncryption on                  cookies on disk are encrypted with the OS key store
//   EnableEmbeddedAsarIntegrityValidation on   a modified app.asar is refused (enforced on Windows and macOS)
//   OnlyLoadAppFromAsar on                     Electron ignores a loose app/ folder placed beside the asar
//   GrantFileProtocolExtraPrivileges off       file:// gets no extra rights; the UI is served from app://
//
// The other fuses keep Electron's defaults. CommonJS because electron-builder require()s hooks;
// @electron/fuses is ESM-only, so it is imported dynamically.
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS hook (electron-builder require()s it)
const path = require('node:path');

/** The fuse settings by their @electron/fuses FuseV1Options name. */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** Where the Electron binary sits inside electron-builder's unpacked output for each platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
  }
}

/**
 * @param {object} context electron-builder's AfterPackContext
 * @param {{ loadFuses?: () => Promise<typeof import('@electron/fuses')> }} [options] tests inject a fake
 */
async function afterPack(context, options = {}) {
  const fuses = await (options.loadFuses ?? (() => import('@electron/fuses')))();
  const config = { version: fuses.FuseVersion.V1 };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`after-pack: @electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  // An arm64 macOS binary must be re-signed ad hoc after its bytes change.
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    config.resetAdHocDarwinSignature = context.arch === 3; // builder-util Arch.arm64
  }
  const binary = electronBinaryPath(context);
  await fuses.flipFuses(binary, config);
  return binary;
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinaryPath = electronBinaryPath;
