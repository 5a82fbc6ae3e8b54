import { ComplaintStepDto } from '../complaint-step.dto';

export class CloseComplaintDto extends ComplaintStepDto {}
