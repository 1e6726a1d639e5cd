import type { DeviceLog } from '../../devices/shared/status';
import { createLogger } from '../log/logger';

/** The redacting logger, shaped as the DeviceLog the adapters take. */
export function deviceLog(name: string): DeviceLog {
  const log = createLogger(`device.${name}`);
  return {
    debug: (obj, msg) => log.debug(obj, msg),
    info: (obj, msg) => log.info(obj, msg),
    warn: (obj, msg) => log.warn(obj, msg),
    error: (obj, msg) => log.error(obj, msg),
  };
}
