// The pty pair lives with the devices (the demo profile uses it too); tests import it from here.
export { openPtyPair, type PtyPair } from '../../devices/shared/pty-pair';
