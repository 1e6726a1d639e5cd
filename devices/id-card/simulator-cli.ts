// Run the simulated ID card reader by hand on the device end of a pty pair (see README.md):
//   npx tsx devices/id-card/simulator-cli.ts --port /tmp/ttyV1 [--residents fixtures/residents/residents.json --resident R001]
// then type commands on stdin: `insert [R00x]`, `remove`, `fault <name>`, `quit`.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { IdCardSimulator, type IdCardSimulatorFault } from './simulator';
import type { IdCardData } from './protocol/types';

const FAULTS: IdCardSimulatorFault[] = ['none', 'samFault', 'samUnauthorised', 'garbage', 'noisy', 'wrongReply', 'silent', 'badChecksum', 'unreadable'];

// The default card is synthetic: its number belongs to nobody (DEVICES.md §1.10).
const DEFAULT_CARD: IdCardData = {
  name: '张三',
  gender: '1',
  nation: '01',
  birth: '20000101',
  address: '广州市天河区天河路1号',
  idNumber: '440106200001010000',
  issuer: '广州市公安局天河分局',
  validFrom: '20200101',
  validTo: '长期',
};

const say = (line: string) => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    residents: { type: 'string' },
    resident: { type: 'string', default: 'R001' },
    chunk: { type: 'string', default: '64' },
  },
});
if (!values.port) {
  say('usage: simulator-cli.ts --port <device end of the pty pair> [--residents <residents.json>] [--resident R001]');
  process.exit(2);
}

// Residents are read as data at run time: devices/ code never imports fixtures/.
const cards = new Map<string, IdCardData>();
if (values.residents) {
  const file = JSON.parse(readFileSync(values.residents, 'utf8')) as { residents: Array<{ id: string; idCard: IdCardData }> };
  for (const r of file.residents) cards.set(r.id, r.idCard);
}
const pick = (id: string | undefined): IdCardData => (id && cards.get(id)) || cards.get(values.resident) || DEFAULT_CARD;

const sim = await IdCardSimulator.start({ path: values.port, chunkSize: Number(values.chunk) });
say(`ID card reader simulator on ${values.port}. Commands: insert [id] | remove | fault <${FAULTS.join('|')}> | quit`);

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'insert') {
    sim.insert(pick(arg));
    say('card inserted');
  } else if (command === 'remove') {
    sim.remove();
    say('card removed');
  } else if (command === 'fault' && FAULTS.includes(arg as IdCardSimulatorFault)) {
    sim.setFault(arg as IdCardSimulatorFault);
    say(`fault: ${arg}`);
  } else if (command === 'quit') {
    break;
  } else if (command) {
    say(`unknown command: ${line}`);
  }
}
await sim.close();
