// Public surface of the social-security card reader: what main/app.ts and the session service use.
export {
  DEFAULT_SS_CARD_TIMINGS,
  SocialSecurityCardReader,
  type ChipPower,
  type SocialSecurityCardReaderOptions,
  type SsCardCapabilities,
  type SsCardEvents,
  type SsCardStatus,
  type SsCardTimings,
} from './adapter';
export { SsCardError, type SsCardFault } from './ss-card-error';
export { FRAMING_NAME } from './hid-framing';
export { HidCardTransport, openHidDevice, parseHidSelector, type HidDeviceLike, type HidSelector, type HidTransportOptions } from './hid-transport';
export { SimulatedHidReader, type HidReaderFault } from './simulator';
export { SimulatedBankCard, SimulatedSsCard, type SimulatedCardOptions, type SimulatedChip } from './simulated-card';
export { readBasic, type CardReaderTransport, type CardTransport, type ReadBasicOptions, type SlotState, type SsCardData, type SsCardIdentity } from './apdu';
