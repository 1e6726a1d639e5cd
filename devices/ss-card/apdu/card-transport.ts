/**
 * What the APDU layer needs from a reader: the same three calls a PC/SC backend offers
 * (SCardConnect → ATR, SCardTransmit, SCardDisconnect), so HID and PC/SC are interchangeable.
 */
export type CardTransport = {
  /** Powers the chip and returns its ATR. */
  powerOn(): Promise<Uint8Array>;
  /** Sends a command APDU and returns the response APDU (data + SW1 SW2). */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  powerOff(): Promise<void>;
};

export type SlotState = 'active' | 'inactive' | 'absent';

/** A reader the adapter can poll and close, on top of the APDU pipe. */
export type CardReaderTransport = CardTransport & {
  slotStatus(): Promise<SlotState>;
  close(): Promise<void>;
};
