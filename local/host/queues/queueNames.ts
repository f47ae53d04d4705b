/** Queue naming as the extension applies it to a trigger's `queueName`. */

const VALID_QUEUE_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;
const POISON_SUFFIX = '-poison';

/**
 * `%Setting%` parts resolve from app settings, then the name is lower-cased ("to be nice", as the extension
 * does) and must be a valid queue name: 3-63 lowercase letters, digits and single inner dashes.
 */
export function resolveQueueName(queueName: string, env: Record<string, string | undefined>): string {
  const resolved = queueName.replace(/%([^%]+)%/g, (_, setting: string) => {
    const value = env[setting];
    if (value === undefined || value === '') throw new Error(`'%${setting}%' does not resolve to a value.`);
    return value;
  });
  const name = resolved.toLowerCase();
  if (!VALID_QUEUE_NAME.test(name)) {
    throw new Error(
      `Invalid queue name "${resolved}": use 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.`,
    );
  }
  return name;
}

/**
 * `<queue>-poison`, or none when the queue is itself a poison queue or the suffix makes the name too long;
 * failed messages of such a queue are left invisible instead of released, as the extension does.
 */
export function poisonQueueNameOf(queueName: string): string | undefined {
  if (queueName.endsWith(POISON_SUFFIX)) return undefined;
  const poison = `${queueName}${POISON_SUFFIX}`;
  return VALID_QUEUE_NAME.test(poison) ? poison : undefined;
}
