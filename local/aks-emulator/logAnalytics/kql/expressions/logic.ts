import type { CompiledScalar } from './compiledScalar';

/** Three-valued `and`: false wins over null, null over true. The right side is skipped once the left is false. */
export function compileAnd(left: CompiledScalar, right: CompiledScalar): CompiledScalar {
  return {
    type: 'bool',
    evaluate: (row) => {
      const a = left.evaluate(row);
      if (a === false) return false;
      const b = right.evaluate(row);
      if (b === false) return false;
      return a === null || b === null ? null : true;
    },
  };
}

/** Three-valued `or`: true wins over null, null over false. */
export function compileOr(left: CompiledScalar, right: CompiledScalar): CompiledScalar {
  return {
    type: 'bool',
    evaluate: (row) => {
      const a = left.evaluate(row);
      if (a === true) return true;
      const b = right.evaluate(row);
      if (b === true) return true;
      return a === null || b === null ? null : false;
    },
  };
}
