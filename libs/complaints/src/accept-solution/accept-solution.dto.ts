import { ComplaintStepDto } from '../complaint-step.dto';

export class AcceptSolutionDto extends ComplaintStepDto {}
