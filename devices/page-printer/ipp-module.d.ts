// Types for the parts of the `ipp` package (2.0.1, plain JavaScript, no bundled types) we use:
// its message serializer and parser. Transport is ours (see ipp-client.ts).
declare module 'ipp' {
  type IppMessage = {
    version?: string;
    operation?: string;
    statusCode?: string;
    id?: number;
    data?: Buffer;
    [group: string]: unknown;
  };
  const ipp: {
    serialize(message: IppMessage): Buffer;
    parse(buffer: Buffer): IppMessage;
  };
  export default ipp;
}
