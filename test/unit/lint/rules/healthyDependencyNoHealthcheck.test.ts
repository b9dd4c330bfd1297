import { expectNone, expectOne, yaml } from '../support';

describe('rule healthy-dependency-no-healthcheck', () => {
  it('warns about service_healthy on a service without a healthcheck', () => {
    const text = yaml`
      services:
        db:
          image: postgres
        web:
          depends_on:
            db:
              condition: service_healthy
    `;
    expectOne(text, 'healthy-dependency-no-healthcheck', 'warning', 'service_healthy');
  });
  it('accepts a healthcheck written on the service, inherited through a merge key, or only re-timing the image\'s', () => {
    const text = yaml`
      x-hc: &hc
        healthcheck:
          test: ["CMD", "true"]
      services:
        a:
          <<: *hc
        b:
          healthcheck:
            interval: 5s
        web:
          depends_on:
            a: {condition: service_healthy}
            b: {condition: service_healthy}
    `;
    expectNone(text, 'healthy-dependency-no-healthcheck');
  });
});
