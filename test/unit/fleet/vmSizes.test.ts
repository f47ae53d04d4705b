import { describe, expect, it } from 'vitest';
import { describeVmSize, needsSgxDevicePlugin, vmSizeMatches } from '../../../shared/domain/fleet/vmSizes';

describe('describeVmSize', () => {
  it.each([
    ['Standard_D4s_v5', 'general', 4, false],
    ['Standard_DS1_v2', 'general', 1, false],
    ['Standard_B2ms', 'general', 2, false],
    ['Standard_M416-208ms_v2', 'general', 416, false],
    ['Standard_NC6s_v3', 'gpu', 6, false],
    ['Standard_NC24ads_A100_v4', 'gpu', 24, false],
    ['Standard_ND96asr_v4', 'gpu', 96, false],
    ['Standard_NV36ads_A10_v5', 'gpu', 36, false],
    ['Standard_DC4s_v2', 'confidential', 4, true],
    ['Standard_DC8s_v3', 'confidential', 8, true],
    ['Standard_DC8ds_v3', 'confidential', 8, true],
    ['Standard_DC4as_v5', 'confidential', 4, false],
    ['Standard_DC4as_cc_v5', 'confidential', 4, false],
    ['Standard_EC4as_v5', 'confidential', 4, false],
    ['Standard_E4as_v5', 'general', 4, false],
    ['Standard_E4s_v5', 'general', 4, false],
  ] as const)('%s is %s with %i vCPUs (sgx %s)', (name, family, vCpus, sgx) => {
    expect(describeVmSize(name)).toEqual({ name, family, vCpus, sgx });
  });

  it('falls back to the prefix for names it cannot parse', () => {
    expect(describeVmSize('Standard_NCsomething')).toEqual({
      name: 'Standard_NCsomething',
      family: 'gpu',
      sgx: false,
    });
    expect(describeVmSize('Standard_DCsomething')).toMatchObject({ family: 'confidential' });
    expect(describeVmSize('custom')).toMatchObject({ family: 'general' });
  });

  it('asks for the SGX plugin on DC-series pools only', () => {
    expect(needsSgxDevicePlugin('Standard_DC4s_v3')).toBe(true);
    expect(needsSgxDevicePlugin('Standard_EC4as_v5')).toBe(false);
    expect(needsSgxDevicePlugin('Standard_D4s_v5')).toBe(false);
  });
});

describe('vmSizeMatches', () => {
  it.each([
    ['Standard_D4s_v5', 'standard_d4s_v5', true],
    ['Standard_D*', 'Standard_D4s_v5', true],
    ['Standard_D*s_v5', 'Standard_D16s_v5', true],
    ['Standard_D*s_v5', 'Standard_D16s_v4', false],
    ['Standard_D4s_v5', 'Standard_D4s_v5x', false],
    ['Standard_D.s', 'Standard_D4s', false],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(vmSizeMatches(pattern, name)).toBe(expected);
  });
});
