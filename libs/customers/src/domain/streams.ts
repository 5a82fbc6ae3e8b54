import { streamName } from '@aftercare/kernel';

/** Stream categories of the customer file (ARCHITECTURE.md: `<category>-<id>`). */
export const customerStream = (customerId: string) => streamName('customer', customerId);
export const vehicleStream = (vin: string) => streamName('vehicle', vin);
export const appointmentStream = (appointmentId: string) => streamName('appointment', appointmentId);
