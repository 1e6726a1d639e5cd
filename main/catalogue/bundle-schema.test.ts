import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueBundleSchema } from './bundle-schema';
import { fixtureBundleDir } from './test-support';

const fixture = () => JSON.parse(readFileSync(join(fixtureBundleDir, 'catalogue.json'), 'utf8')) as Record<string, unknown> & { items: Record<string, unknown>[]; forms: { blank: { file: string } }[] };

describe('catalogueBundleSchema', () => {
  it('accepts the committed fixture bundle', () => {
    const result = catalogueBundleSchema.safeParse(fixture());
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('rejects dangling references, duplicate titles and path traversal', () => {
    const dangling = fixture();
    dangling.items[0] = { ...dangling.items[0], formIds: ['NOPE'] };
    expect(catalogueBundleSchema.safeParse(dangling).success).toBe(false);
    const duplicate = fixture();
    duplicate.items[1] = { ...duplicate.items[1], title: duplicate.items[0]?.title };
    expect(catalogueBundleSchema.safeParse(duplicate).success).toBe(false);
    const traversal = fixture();
    const form = traversal.forms[0];
    if (form) form.blank.file = 'forms/../../etc/passwd.pdf';
    expect(catalogueBundleSchema.safeParse(traversal).success).toBe(false);
  });
});
