import { createCipheriv, randomBytes } from 'node:crypto';

/** An envelope in the layout tip-crypto.ts sealed before key ids (version 1): [1][wrapped data key][body]. */
export function sealVersion1(kek: Buffer, recordId: string, value: unknown): Buffer {
  const aad = Buffer.from(`tip:${recordId}`);
  const gcm = (key: Buffer, data: Buffer) => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad);
    const body = Buffer.concat([c.update(data), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  };
  const dataKey = randomBytes(32);
  return Buffer.concat([Buffer.from([1]), gcm(kek, dataKey), gcm(dataKey, Buffer.from(JSON.stringify(value)))]);
}
